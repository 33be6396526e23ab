using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Logging;

/// <summary>
/// Where the backends and the runner log during a run: always appended to <c>RUN_DIR/auditkit.log</c>, also to the
/// console with <c>--verbose</c>, and warnings counted for the run summary. Every line is one line, cut to a bounded
/// length, and has the API key (if any) replaced, whatever a server echoed into an error.
/// </summary>
public sealed class RunLog : ILoggerFactory, ILoggerProvider
{
    public const string FileName = "auditkit.log";
    private const int MaxLineLength = 2000;

    private readonly StreamWriter _file;
    private readonly TextWriter? _console;
    private readonly string? _secret;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private int _warnings;
    private bool _disposed;

    /// <param name="console">Where <c>--verbose</c> sends the lines too; null without it.</param>
    /// <param name="secret">The API key, if one is used, so no line can carry it.</param>
    public RunLog(string runDirectory, TextWriter? console, string? secret, TimeProvider clock)
    {
        var path = Path.Combine(runDirectory, FileName);
        // Appending to a link would write wherever it points.
        if (new FileInfo(path).LinkTarget is not null)
            throw new UserInputException($"{path}: is a symbolic link; refusing to write the run log through it (delete it and rerun)");
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _console = console;
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
        _clock = clock;
    }

    /// <summary>Warnings and errors logged so far.</summary>
    public int Warnings => Volatile.Read(ref _warnings);

    public ILogger CreateLogger(string categoryName) => new CategoryLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("RunLog is its own only provider");

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        if (level >= LogLevel.Warning) Interlocked.Increment(ref _warnings);
        var text = exception is null ? message : $"{message} ({exception.GetType().Name}: {exception.Message})";
        if (_secret is not null) text = text.Replace(_secret, "[api key]", StringComparison.Ordinal);
        text = Output.TerminalText.Safe(text, MaxLineLength);
        var shortCategory = category[(category.LastIndexOf('.') + 1)..];
        var line = string.Create(CultureInfo.InvariantCulture, $"{_clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {Label(level)} {shortCategory}: {text}");
        lock (_gate)
        {
            // A native library may still call back after its run ended; that line has no run log left to go to.
            if (_disposed) return;
            _file.WriteLine(line);
            _console?.WriteLine(line);
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "critical",
    };

    private sealed class CategoryLogger(RunLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
