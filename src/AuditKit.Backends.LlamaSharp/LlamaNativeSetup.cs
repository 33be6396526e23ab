using LLama.Exceptions;
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
    private static readonly byte[] ElfMagic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];
    private static string? _configuredLibrary;
    private static bool _configured;
    private static string? _loadFailure;
    // The callback is installed once per process; each model loaded since routes it to its own logger (an audit
    // loads several models, each logging into its own run folder).
    private static ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <exception cref="ModelLoadException">The library is missing, not a shared library, or LLamaSharp cannot load it.</exception>
    public static void Configure(ILogger logger, string? nativeLibraryPath)
    {
        lock (Gate)
        {
            Volatile.Write(ref _logger, logger);
            if (_configured)
            {
                if (_configuredLibrary != nativeLibraryPath)
                    throw new ModelLoadException($"--native-lib: llama.cpp is already loaded from {_configuredLibrary ?? "the bundled CPU build"} in this process");
                // A type initializer that failed once fails forever in this process; say so the same way every time.
                if (_loadFailure is not null)
                    throw new ModelLoadException(_loadFailure);
                return;
            }
            if (nativeLibraryPath is not null)
            {
                CheckLibraryFile(nativeLibraryPath);
                NativeLibraryConfig.LLama.WithLibrary(nativeLibraryPath);
            }
            NativeLibraryConfig.All.WithLogCallback((level, message) =>
            {
                var text = message.TrimEnd();
                if (text.Length == 0) return;
                // Continue (5) carries the rest of the previous line (the dots of a model load), not an error.
                var current = Volatile.Read(ref _logger);
                if (level == LLamaLogLevel.Error) current.LogError("llama.cpp: {Message}", text);
                else if (level == LLamaLogLevel.Warning) current.LogDebug("llama.cpp: {Message}", text);
            });
            _configured = true;
            _configuredLibrary = nativeLibraryPath;
            Load(nativeLibraryPath);
        }
    }

    // LLamaSharp loads the library in NativeApi's static constructor, at whatever native call comes first (even
    // `new ModelParams`), and a failure there is a TypeInitializationException from that place, which nothing expects.
    // Loading it here, once, turns the failure into one message that names the library.
    private static void Load(string? nativeLibraryPath)
    {
        try
        {
            NativeApi.llama_empty_call();
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or RuntimeError)
        {
            var reason = Innermost(e) is RuntimeError
                // LLamaSharp's own message is a multi-line list of generic advice; the specific cause is not kept.
                ? "it is not a llama.cpp library for this machine, or a library it depends on is missing (check it with ldd)"
                : FirstLine(Innermost(e).Message);
            _loadFailure = nativeLibraryPath is null
                ? $"llama.cpp's bundled CPU library could not be loaded: {reason}"
                : $"--native-lib: {nativeLibraryPath} could not be loaded: {reason}";
            throw new ModelLoadException(_loadFailure, e);
        }
    }

    /// <summary>
    /// Refuses what is certainly not a shared library before LLamaSharp tries it. Only Linux's ELF header is checked:
    /// Mach-O and PE files on the other systems are left to the loader.
    /// </summary>
    private static void CheckLibraryFile(string path)
    {
        if (!File.Exists(path))
            throw new ModelLoadException($"--native-lib: {path} not found");
        if (!OperatingSystem.IsLinux())
            return;
        var header = new byte[ElfMagic.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"--native-lib: {path} cannot be read: {e.Message}", e);
        }
        if (read < header.Length || !header.AsSpan().SequenceEqual(ElfMagic))
            throw new ModelLoadException($"--native-lib: {path} is not a shared library (no ELF header); expected a libllama.so built for Linux");
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
            e = inner;
        return e;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
