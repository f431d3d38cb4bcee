namespace PrintFarm.Orders;

/// <summary>What one message of an order's thread may hold.</summary>
public static class MessageLimits
{
    public const int MaxText = 4000;
    public const int MaxAttachments = 5;
    /// <summary>Each attachment crosses the cluster in one call, like an invoice.</summary>
    public const int MaxAttachmentBytes = 5 * 1024 * 1024;
    /// <summary>An order keeps its newest messages; the oldest go first.</summary>
    public const int MaxMessages = 200;

    /// <summary>The media type of a file a message may carry, read from its first bytes; null for any other.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> content) => content switch
    {
        _ when content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) => "image/png",
        _ when content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => "image/jpeg",
        _ when content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8) => "image/gif",
        _ when content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) => "image/webp",
        _ when content.StartsWith("%PDF-"u8) => "application/pdf",
        _ => null,
    };
}
