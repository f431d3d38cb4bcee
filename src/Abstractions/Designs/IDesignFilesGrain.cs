namespace PrintFarm.Designs;

/// <summary>Reads from the design store for the gateways, a piece at a time; a stateless worker on every silo.</summary>
[Alias("PrintFarm.IDesignFilesGrain")]
public interface IDesignFilesGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="count"/> bytes from <paramref name="offset"/>; empty at the end; null when the file is not stored.</summary>
    [Alias("Read")]
    Task<byte[]?> Read(string sha256, long offset, int count);

    /// <summary>Stores a small file that goes with an order (an invoice to pack with it) and returns its SHA-256.</summary>
    [Alias("Keep")]
    Task<string> Keep(byte[] file);
}
