using System.Reflection;

namespace AuditKit.Cli;

/// <summary>The tool's version and the git commit it was built from (the SDK stamps it into the informational version).</summary>
public static class ToolInfo
{
    private static readonly string Informational =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version => Informational.Split('+')[0];

    public static string? GitCommit => Informational.Split('+') is [_, var commit, ..] && commit.Length >= 7 ? commit : null;
}
