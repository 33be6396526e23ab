using System.Globalization;
using System.Text;
using AuditKit.Core.Text;

namespace AuditKit.Cli.Output;

/// <summary>
/// Passes UTF-8 JSON to a terminal with every character of <see cref="UnsafeCharacters"/> written as a <c>\uXXXX</c>
/// escape. JSON escapes C0 controls itself, but not a bidi override (U+202E) or a line separator: those reached the
/// terminal raw. Such characters only occur inside JSON strings, where the escape means the same character, so the
/// JSON read back is unchanged.
/// </summary>
public sealed class TerminalSafeJsonStream(Stream inner) : Stream
{
    private readonly byte[] _pending = new byte[4];
    private int _pendingCount;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var input = buffer;
        byte[]? joined = null;
        if (_pendingCount > 0)
        {
            joined = new byte[_pendingCount + buffer.Length];
            _pending.AsSpan(0, _pendingCount).CopyTo(joined);
            buffer.CopyTo(joined.AsSpan(_pendingCount));
            input = joined;
            _pendingCount = 0;
        }
        int copied = 0, i = 0;
        while (i < input.Length)
        {
            if (input[i] < 0x80) { i++; continue; }
            var status = Rune.DecodeFromUtf8(input[i..], out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                // A character split between two writes: keep its first bytes until the rest arrives.
                inner.Write(input[copied..i]);
                input[i..].CopyTo(_pending);
                _pendingCount = input.Length - i;
                return;
            }
            if (status == System.Buffers.OperationStatus.Done && UnsafeCharacters.IsUnsafe(rune))
            {
                inner.Write(input[copied..i]);
                inner.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}")));
                copied = i + consumed;
            }
            i += consumed;
        }
        inner.Write(input[copied..]);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
        if (_pendingCount > 0) inner.Write(_pending.AsSpan(0, _pendingCount));
        _pendingCount = 0;
        inner.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
