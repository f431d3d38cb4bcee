namespace PrintFarm.Designs.Intake;

/// <summary>An image the slicer embedded, as its bytes (PNG or JPEG), for the catalog and the tracking page.</summary>
public sealed record Thumbnail(string MediaType, int Width, int Height, byte[] Bytes)
{
    public long Pixels => (long)Width * Height;
}
