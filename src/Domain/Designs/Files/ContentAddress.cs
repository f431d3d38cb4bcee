using System.Security.Cryptography;

namespace PrintFarm.Designs.Files;

/// <summary>The address of a file in the design store: SHA-256, lowercase hex.</summary>
public static class ContentAddress
{
    public static async Task<string> Of(Stream file, CancellationToken cancellationToken)
    {
        file.Seek(0, SeekOrigin.Begin);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        file.Seek(0, SeekOrigin.Begin);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether text can be an address: 64 lowercase hex digits (and so can be a file or row name).</summary>
    public static bool IsValid(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string Require(string sha256) =>
        IsValid(sha256) ? sha256 : throw new ArgumentException("A design file's address is 64 lowercase hex digits (SHA-256).", nameof(sha256));
}
