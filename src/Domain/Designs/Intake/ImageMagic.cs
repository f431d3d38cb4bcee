namespace PrintFarm.Designs.Intake;

/// <summary>Whether bytes begin as the image type they claim to be: no thumbnail is served as an image that is not one.</summary>
public static class ImageMagic
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static bool Is(string mediaType, ReadOnlySpan<byte> bytes) => mediaType switch
    {
        "image/png" => bytes.StartsWith(Png),
        "image/jpeg" => bytes.StartsWith(Jpeg),
        _ => false,
    };
}
