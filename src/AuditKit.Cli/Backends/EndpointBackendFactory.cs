using AuditKit.Backends.OpenAI;
using AuditKit.Cli.Output;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditKit.Cli.Backends;

/// <summary>
/// Builds the OpenAI-compatible backend for <c>run --endpoint</c> and <c>classify --judge</c> alike, with errors that
/// name the option the user gave.
/// </summary>
internal static class EndpointBackendFactory
{
    /// <param name="endpointOption">The option that named the URL (<c>--endpoint</c>, <c>--judge</c>), for error messages.</param>
    public static OpenAICompatibleBackend Create(string endpointOption, string endpoint, string modelId, string? apiKey,
        int parallel, TimeSpan requestTimeout, int retries, bool allowInsecure)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UserInputException($"{endpointOption}: '{TerminalText.Safe(endpoint, 200)}' is not an http(s) URL");
        var options = new OpenAIBackendOptions(uri, modelId, apiKey, parallel, requestTimeout, retries, allowInsecure);
        try
        {
            return new OpenAICompatibleBackend(options, new SocketsHttpHandler(), TimeProvider.System, (d, ct) => Task.Delay(d, ct), NullLogger<OpenAICompatibleBackend>.Instance);
        }
        // ArgumentException.Message carries a "(Parameter 'x')" suffix meant for developers, not users.
        catch (ArgumentException e) { throw new UserInputException($"{endpointOption}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "")} (--allow-insecure permits plain http)"); }
    }

    /// <summary>Keys come only from an environment variable or a file, never from the command line (shell history, ps).</summary>
    public static string? ReadApiKey(string envOption, string? variable, string fileOption, string? file)
    {
        if (variable is not null)
            return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } key ? key
                : throw new UserInputException($"{envOption}: environment variable '{TerminalText.Safe(variable, 80)}' is not set");
        if (file is not null)
            return File.Exists(file) ? File.ReadAllText(file).Trim() : throw new UserInputException($"{fileOption}: {TerminalText.Safe(file)} not found");
        return null;
    }
}
