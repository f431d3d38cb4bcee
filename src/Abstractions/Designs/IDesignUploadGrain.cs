namespace PrintFarm.Designs;

/// <summary>
/// One upload on its way into the catalog, keyed by a new id per upload: the gateway hands the
/// file over in pieces (never whole in memory), then asks for it to be taken in. The pieces are
/// kept in a file on the silo until then; an upload left unfinished is dropped when the grain goes idle.
/// </summary>
[Alias("PrintFarm.IDesignUploadGrain")]
public interface IDesignUploadGrain : IGrainWithGuidKey
{
    /// <summary>The next piece; <paramref name="offset"/> must be the length so far, so a repeated or lost piece is caught.</summary>
    [Alias("Append")]
    Task Append(long offset, byte[] piece);

    /// <summary>
    /// Reads the file (type by content, the slicer's metadata, the limits), stores it and its
    /// thumbnail by SHA-256, and records the design for <paramref name="owner"/>. Throws
    /// <see cref="DesignRefusedException"/> and stores nothing for a file the farm will not take.
    /// </summary>
    [Alias("Complete")]
    Task<DesignView> Complete(string owner, string name);
}
