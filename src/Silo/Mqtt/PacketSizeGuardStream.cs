namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// Reads MQTT's framing as the bytes go by (a fixed-header byte, a variable-length "remaining
/// length", then that many bytes) and fails the read that completes a length over the limit,
/// before the broker sees it and sizes a buffer from it.
/// </summary>
internal sealed class PacketSizeGuardStream(Stream inner, int maxPacketBytes) : Stream
{
    private enum Part { FixedHeader, Length, Body }

    private Part _part = Part.FixedHeader;
    private int _length;
    private int _multiplier;
    private int _lengthBytes;
    private long _bodyLeft;

    public override int Read(byte[] buffer, int offset, int count) => Check(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Check(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Check(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_part)
            {
                case Part.FixedHeader:
                    i++;
                    _part = Part.Length;
                    _length = 0;
                    _multiplier = 1;
                    _lengthBytes = 0;
                    break;
                case Part.Length:
                    var b = bytes[i++];
                    _length += (b & 0x7F) * _multiplier;
                    _lengthBytes++;
                    if ((b & 0x80) != 0)
                    {
                        if (_lengthBytes == 4) throw new IOException("Malformed MQTT remaining length.");
                        _multiplier *= 128;
                        break;
                    }
                    if (_length > maxPacketBytes) throw new IOException($"An MQTT packet of {_length} bytes is over Mqtt:MaxPacketBytes ({maxPacketBytes}).");
                    _bodyLeft = _length;
                    _part = _bodyLeft == 0 ? Part.FixedHeader : Part.Body;
                    break;
                case Part.Body:
                    var take = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    i += take;
                    _bodyLeft -= take;
                    if (_bodyLeft == 0) _part = Part.FixedHeader;
                    break;
            }
        }
        return bytes.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
