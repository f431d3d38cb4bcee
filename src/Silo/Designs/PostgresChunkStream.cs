using Npgsql;

namespace PrintFarm.Silo.Designs;

/// <summary>A stored design file read forward one chunk (one row) at a time, from any offset (its chunk is the first read).</summary>
public sealed class PostgresChunkStream(NpgsqlDataSource database, string sha256, int chunks, long size, long start = 0) : Stream
{
    private byte[] _chunk = [];
    private int _offset;
    private int _next = (int)(start / PostgresDesignFileStore.ChunkBytes);
    private int _skip = (int)(start % PostgresDesignFileStore.ChunkBytes);
    private long _position = start;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => size;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset == _chunk.Length)
        {
            if (_next == chunks) return 0;
            await using var command = database.CreateCommand($"SELECT data FROM {PostgresDesignFileStore.Chunks} WHERE sha256 = @sha AND seq = @seq");
            command.Parameters.AddWithValue("sha", sha256);
            command.Parameters.AddWithValue("seq", _next);
            _chunk = await command.ExecuteScalarAsync(cancellationToken) as byte[]
                ?? throw new IOException($"Design file {sha256} lacks its chunk {_next}: the store was changed under it.");
            _offset = Math.Min(_skip, _chunk.Length);
            _skip = 0;
            _next++;
        }
        var count = Math.Min(buffer.Length, _chunk.Length - _offset);
        _chunk.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
