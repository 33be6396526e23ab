namespace AuditKit.Benchmarks.Servers;

/// <summary>What a fault script sees about a request.</summary>
/// <param name="Number">1-based order of arrival at the server.</param>
/// <param name="Prompt">Content of the last message.</param>
/// <param name="AttemptForPrompt">1 for the first request carrying this prompt, 2 for its first retry, ...</param>
public sealed record ScriptedRequest(int Number, string Prompt, int AttemptForPrompt);
