namespace PrintFarm.Designs;

/// <summary>A design in the catalog: whose it is, its file, and what the farm read from the file.</summary>
[GenerateSerializer, Alias("PrintFarm.DesignView")]
public sealed record DesignView
{
    [Id(0)] public required Guid Id { get; init; }
    /// <summary>The login of the account it belongs to.</summary>
    [Id(1)] public required string Owner { get; init; }
    /// <summary>The file's name as uploaded (shown only; the type was decided by content).</summary>
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required string Sha256 { get; init; }
    [Id(4)] public required long Size { get; init; }
    [Id(5)] public required DateTimeOffset UploadedAt { get; init; }
    [Id(6)] public required PrintFileFacts Facts { get; init; }
    /// <summary>The thumbnail's address in the design store, when the file had one.</summary>
    [Id(7)] public string? ThumbnailSha256 { get; init; }
}
