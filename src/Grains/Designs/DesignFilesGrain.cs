using Orleans.Concurrency;
using PrintFarm.Designs.Files;

namespace PrintFarm.Designs;

/// <summary>Reads the design store for the gateways: on every silo, many at once.</summary>
[StatelessWorker]
public sealed class DesignFilesGrain(IDesignFileStore store) : Grain, IDesignFilesGrain
{
    public const int MaxPiece = 1024 * 1024;

    /// <summary>What an order's attachment may weigh: it crosses the cluster in one call.</summary>
    public const int MaxKept = DesignFilesLimits.MaxInvoiceBytes;

    public async Task<string> Keep(byte[] file)
    {
        if (file.Length > MaxKept) throw new DesignRefusedException($"An attached file is at most {MaxKept / (1024 * 1024)} MiB.", tooLarge: true);
        using var stream = new MemoryStream(file, writable: false);
        return (await store.Put(stream)).Sha256;
    }

    public async Task<byte[]?> Read(string sha256, long offset, int count)
    {
        if (!ContentAddress.IsValid(sha256)) return null;
        await using var file = await store.Open(sha256, Math.Max(0, offset));
        if (file is null) return null;
        var piece = new byte[Math.Clamp(count, 0, MaxPiece)];
        var read = await file.ReadAtLeastAsync(piece, piece.Length, throwOnEndOfStream: false);
        return read == piece.Length ? piece : piece[..read];
    }
}
