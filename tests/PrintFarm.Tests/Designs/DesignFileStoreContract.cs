using System.Security.Cryptography;
using PrintFarm.Designs.Files;

namespace PrintFarm.Tests.Designs;

/// <summary>What every design store does, whatever keeps the bytes: run against each of them.</summary>
public abstract class DesignFileStoreContract
{
    /// <summary>A store; a second call with <paramref name="again"/> is the same store after a restart (a new instance on what the first kept).</summary>
    protected abstract Task<IDesignFileStore> Store(bool again = false);

    /// <summary>How many files the store keeps, counted from where it keeps them.</summary>
    protected abstract Task<long> FilesKept();

    protected static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_file_is_stored_under_its_sha256_and_reads_back_byte_for_byte()
    {
        var store = await Store();
        var bytes = Random(3 * 1024 * 1024 + 123, seed: 1); // several PostgreSQL chunks, the last one short
        var stored = await store.Put(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(bytes.Length, stored.Size);
        Assert.True(stored.Added);
        Assert.Equal(bytes.Length, await store.Size(stored.Sha256, TestContext.Current.CancellationToken));
        Assert.Equal(bytes, await ReadAll(store, stored.Sha256));

        // From any offset: inside the first chunk, on a chunk's edge, inside a later one, at the end.
        foreach (var offset in new long[] { 5, 1024 * 1024, 2 * 1024 * 1024 + 17, bytes.Length })
            Assert.Equal(bytes[(int)offset..], await ReadAll(store, stored.Sha256, offset));
    }

    [Fact]
    public async Task The_same_file_uploaded_twice_is_stored_once()
    {
        var store = await Store();
        var bytes = Random(200_000, seed: 2);
        var before = await FilesKept();

        var first = await store.Put(new MemoryStream(bytes), TestContext.Current.CancellationToken);
        var second = await store.Put(new MemoryStream(bytes), TestContext.Current.CancellationToken);
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.Put(new MemoryStream(bytes), TestContext.Current.CancellationToken)));

        Assert.True(first.Added);
        Assert.False(second.Added);
        Assert.All(atOnce, s => Assert.False(s.Added));
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(before + 1, await FilesKept());

        // Four silos putting the same new file at the same moment: one adds it, and it is there once.
        var racing = Random(150_000, seed: 4);
        var raced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.Put(new MemoryStream(racing), TestContext.Current.CancellationToken))));
        Assert.Single(raced, s => s.Added);
        Assert.Equal(before + 2, await FilesKept());
        Assert.Equal(racing, await ReadAll(store, raced[0].Sha256));
    }

    [Fact]
    public async Task What_the_store_holds_is_there_after_a_restart_and_a_delete_removes_it()
    {
        var bytes = Random(1024 * 1024, seed: 3); // exactly one chunk
        var stored = await (await Store()).Put(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        var restarted = await Store(again: true);
        Assert.Equal(bytes, await ReadAll(restarted, stored.Sha256));

        Assert.True(await restarted.Delete(stored.Sha256, TestContext.Current.CancellationToken));
        Assert.False(await restarted.Delete(stored.Sha256, TestContext.Current.CancellationToken));
        Assert.Null(await restarted.Open(stored.Sha256, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await restarted.Size(stored.Sha256, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_file_not_stored_is_null_and_a_malformed_address_is_refused()
    {
        var store = await Store();
        Assert.Null(await store.Open(new string('a', 64), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Open("../../etc/passwd", cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Size(new string('A', 64), TestContext.Current.CancellationToken));
    }

    private static async Task<byte[]> ReadAll(IDesignFileStore store, string sha256, long offset = 0)
    {
        await using var stream = await store.Open(sha256, offset, TestContext.Current.CancellationToken);
        Assert.NotNull(stream);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 7000, TestContext.Current.CancellationToken); // reads that straddle chunks
        return copy.ToArray();
    }
}
