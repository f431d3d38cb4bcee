namespace PrintFarm.Designs.Files;

/// <summary>A file in the design store: its SHA-256 (lowercase hex, its address), its size, and whether this put added it.</summary>
public sealed record StoredFile(string Sha256, long Size, bool Added);
