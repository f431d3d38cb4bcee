namespace PrintFarm.Orders;

/// <summary>A file sent with a message, kept in the design store by its SHA-256.</summary>
[GenerateSerializer, Alias("PrintFarm.MessageAttachment")]
public sealed record MessageAttachment
{
    [Id(0)] public required string Name { get; init; }
    /// <summary>The media type, as the farm read it from the content (not from the name).</summary>
    [Id(1)] public required string Type { get; init; }
    [Id(2)] public required long Size { get; init; }
    [Id(3)] public required string Sha256 { get; init; }
}
