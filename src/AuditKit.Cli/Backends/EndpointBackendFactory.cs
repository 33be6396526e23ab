using AuditKit.Backends.OpenAI;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
using AuditKit.Core.Http;
using AuditKit.Core.Text;
using AuditKit.Runner.FailFast;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Backends;

/// <summary>
/// Builds the OpenAI-compatible backend for <c>run --endpoint</c> and <c>classify --judge</c> alike, with errors that
/// name the option the user gave.
/// </summary>
internal static class EndpointBackendFactory
{
    /// <param name="endpointOption">The option that named the URL (<c>--endpoint</c>, <c>--judge</c>), for error messages.</param>
    /// <param name="breaker">Told how every HTTP try went (run); null where nothing should stop early (judge).</param>
    /// <param name="maxAnswerChars">Characters kept of an answer and of its reasoning (see <see cref="OpenAIBackendOptions.MaxAnswerChars"/>).</param>
    public static OpenAICompatibleBackend Create(string endpointOption, string endpoint, string modelId, string? apiKey,
        int parallel, TimeSpan requestTimeout, int retries, bool allowInsecure, CircuitBreaker? breaker, ILoggerFactory logs,
        int maxAnswerChars = AnswerLimits.DefaultMaxChars)
    {
        // The URL is shown without its user info and query even when it does not parse: that is where keys hide.
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UserInputException($"{endpointOption}: '{TerminalText.Safe(UrlRedaction.Redact(endpoint), 200)}' is not an http(s) URL");
        if (UnsafeCharacters.FirstIn(modelId) is { } character)
            throw new UserInputException($"--model-id: contains a control or bidirectional character ({character}); a model name must be plain text");
        var options = new OpenAIBackendOptions(uri, modelId, apiKey, parallel, requestTimeout, retries, allowInsecure) { MaxAnswerChars = maxAnswerChars };
        try
        {
            HttpMessageHandler transport = new SocketsHttpHandler();
            if (breaker is not null) transport = new CircuitBreakerHandler(breaker, transport);
            return new OpenAICompatibleBackend(options, transport, TimeProvider.System, (d, ct) => Task.Delay(d, ct), logs.CreateLogger<OpenAICompatibleBackend>());
        }
        // ArgumentException.Message carries a "(Parameter 'x')" suffix meant for developers, not users.
        catch (ArgumentException e) { throw new UserInputException($"{endpointOption}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "")} (--allow-insecure permits plain http)"); }
    }

    /// <summary>
    /// Keys come only from an environment variable or a file, never from the command line (shell history, ps). The key
    /// travels in an HTTP header, which holds one line of ASCII: a key that cannot is refused here, before any request
    /// (it would otherwise fail every request, or throw deep inside the HTTP client). No message shows the key.
    /// </summary>
    public static string? ReadApiKey(string envOption, string? variable, string fileOption, string? file)
    {
        // Two sources would leave the user guessing which key was sent.
        if (variable is not null && file is not null)
            throw new UserInputException($"{envOption} and {fileOption}: give one or the other");
        if (variable is not null)
        {
            var where = $"{envOption}: environment variable '{TerminalText.Safe(variable, 80)}'";
            var value = Environment.GetEnvironmentVariable(variable) ?? throw new UserInputException($"{where} is not set");
            var key = value.Trim();
            if (key.Length == 0) throw new UserInputException($"{where} is empty");
            return Problem(key) is { } problem ? throw new UserInputException($"{where} {problem}") : key;
        }
        if (file is not null)
        {
            var where = $"{fileOption}: {TerminalText.Safe(file)}";
            if (!File.Exists(file)) throw new UserInputException($"{where} not found");
            string[] lines;
            try
            {
                if (new FileInfo(file).Length > MaxKeyFileBytes) throw new UserInputException($"{where} is larger than {MaxKeyFileBytes / 1024} KiB; it should hold only the key");
                lines = File.ReadAllLines(file).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"{where}: cannot read it ({TerminalText.Safe(e.Message)})"); }
            if (lines.Length == 0) throw new UserInputException($"{where} is empty");
            if (lines.Length > 1) throw new UserInputException($"{where} has {lines.Length} non-empty lines; it should hold the key alone on one line");
            return Problem(lines[0]) is { } problem ? throw new UserInputException($"{where} {problem}") : lines[0];
        }
        return null;
    }

    private const int MaxKeyFileBytes = 64 * 1024;

    /// <summary>What makes a key unusable in a header, in words that do not quote it.</summary>
    private static string? Problem(string key)
    {
        foreach (var c in key)
        {
            if (c > '\u007e') return "contains a non-ASCII character; an API key must be plain ASCII";
            if (c < ' ' || c == '\u007f') return "contains a control character; an API key must be plain ASCII";
        }
        return null;
    }
}
