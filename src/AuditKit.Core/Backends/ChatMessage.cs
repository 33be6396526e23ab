namespace AuditKit.Core.Backends;

/// <summary>A turn of a conversation in the backend-neutral form. Role is <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
public sealed record ChatMessage(string Role, string Content)
{
    public static ChatMessage User(string content) => new("user", content);
    public static ChatMessage System(string content) => new("system", content);
}
