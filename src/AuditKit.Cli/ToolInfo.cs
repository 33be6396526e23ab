using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AuditKit.Cli;

/// <summary>The tool's version and the git commit it was built from (the SDK stamps it into the informational version).</summary>
public static class ToolInfo
{
    private static readonly string Informational =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version => Informational.Split('+')[0];

    public static string? GitCommit => Informational.Split('+') is [_, var commit, ..] && commit.Length >= 7 ? commit : null;

    /// <summary>Host facts for a manifest: they explain speed, not results.</summary>
    public static Dictionary<string, string> HostFacts(int gpuLayers) => new()
    {
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["cpu_count"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["gpu_offload"] = gpuLayers > 0 ? $"{gpuLayers} layers" : "none",
    };
}
