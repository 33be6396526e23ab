using LLama.Native;
using Microsoft.Extensions.Logging;

namespace AuditKit.Backends.LlamaSharp;

/// <summary>
/// One-time configuration of llama.cpp's native library, which must happen before the first model load and cannot
/// change afterwards: llama.cpp's own stderr log is routed to an <see cref="ILogger"/> (a library never writes to the
/// console), and a user-supplied GPU build replaces the bundled CPU one. The CPU instruction level is left to
/// LLamaSharp's auto-detection: forcing AVX-512 crashed with SIGILL on these machines.
/// </summary>
public static class LlamaNativeSetup
{
    private static readonly Lock Gate = new();
    private static string? _configuredLibrary;
    private static bool _configured;

    public static void Configure(ILogger logger, string? nativeLibraryPath)
    {
        lock (Gate)
        {
            if (_configured)
            {
                if (_configuredLibrary != nativeLibraryPath)
                    throw new ModelLoadException($"--native-lib: llama.cpp is already loaded from {_configuredLibrary ?? "the bundled CPU build"} in this process");
                return;
            }
            if (nativeLibraryPath is not null)
            {
                if (!File.Exists(nativeLibraryPath))
                    throw new ModelLoadException($"{nativeLibraryPath}: --native-lib file not found");
                NativeLibraryConfig.LLama.WithLibrary(nativeLibraryPath);
            }
            NativeLibraryConfig.All.WithLogCallback((level, message) =>
            {
                var text = message.TrimEnd();
                if (text.Length == 0) return;
                if (level >= LLamaLogLevel.Error) logger.LogError("llama.cpp: {Message}", text);
                else if (level == LLamaLogLevel.Warning) logger.LogDebug("llama.cpp: {Message}", text);
            });
            _configured = true;
            _configuredLibrary = nativeLibraryPath;
        }
    }
}
