using System.Buffers.Binary;
using System.Text;

namespace AuditKit.Gguf.Format;

/// <summary>
/// Sequential little-endian reads over a stream of known length. Every read checks the bytes left first, so a
/// corrupt length can never make the reader allocate more than the file holds.
/// </summary>
internal sealed class GgufByteCursor
{
    // Replacement rather than exceptions: llama.cpp does not check UTF-8 either, and a vocabulary with a broken
    // piece should still be inspectable.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly string _filePath;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _bufferPos;
    private int _bufferLen;
    private long _bufferStart;

    public GgufByteCursor(Stream stream, long length, string filePath)
    {
        _stream = stream;
        Length = length;
        _filePath = filePath;
    }

    public long Length { get; }

    public long Position => _bufferStart + _bufferPos;

    public long Remaining => Length - Position;

    public GgufFormatException Fail(string problem) => new(_filePath, problem);

    public byte ReadByte(string what)
    {
        Ensure(1, what);
        return _buffer[_bufferPos++];
    }

    public ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public float ReadFloat32(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, what));

    public double ReadFloat64(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, what));

    /// <summary>A GGUF string: u64 byte length, then UTF-8 bytes.</summary>
    public string ReadString(string what, long maxBytes)
    {
        var start = Position;
        var length = ReadUInt64(what + " length");
        if (length > (ulong)Remaining)
            throw Fail($"truncated or corrupt: {what} at byte {start} claims {length} bytes but only {Remaining} remain");
        if (length > (ulong)maxBytes)
            throw Fail($"{what} at byte {start} is {length} bytes, more than the {maxBytes} this reader accepts");
        var n = (int)length;
        if (n <= _buffer.Length)
            return Utf8.GetString(Take(n, what));
        var bytes = new byte[n];
        var done = 0;
        while (done < n)
        {
            var chunk = Math.Min(_buffer.Length, n - done);
            Take(chunk, what).CopyTo(bytes.AsSpan(done));
            done += chunk;
        }
        return Utf8.GetString(bytes);
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        Ensure(count, what);
        var span = new ReadOnlySpan<byte>(_buffer, _bufferPos, count);
        _bufferPos += count;
        return span;
    }

    private void Ensure(int count, string what)
    {
        if (_bufferLen - _bufferPos >= count)
            return;
        if (Remaining < count)
            throw Fail($"truncated: {what} at byte {Position} needs {count} bytes but the file has {Length} bytes");
        // Keep the unread tail and refill behind it.
        var tail = _bufferLen - _bufferPos;
        Array.Copy(_buffer, _bufferPos, _buffer, 0, tail);
        _bufferStart += _bufferPos;
        _bufferPos = 0;
        _bufferLen = tail;
        var wanted = (int)Math.Min(_buffer.Length - tail, Length - _bufferStart - tail);
        while (_bufferLen < count)
        {
            int read;
            try
            {
                read = _stream.Read(_buffer, _bufferLen, wanted - (_bufferLen - tail));
            }
            catch (IOException e)
            {
                throw new GgufFormatException(_filePath, $"cannot read at byte {Position + _bufferLen}: {e.Message}", e);
            }
            if (read <= 0)
                throw Fail($"truncated: {what} at byte {Position} needs {count} bytes but the stream ended at byte {_bufferStart + _bufferLen}");
            _bufferLen += read;
        }
    }
}
