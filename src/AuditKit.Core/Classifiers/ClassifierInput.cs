namespace AuditKit.Core.Classifiers;

/// <summary>What a classifier sees: the question (evasion is relative to it) and the final answer, never the reasoning.</summary>
public sealed record ClassifierInput(string Prompt, string Response, string Language);
