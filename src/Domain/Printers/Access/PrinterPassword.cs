using System.Security.Cryptography;

namespace PrintFarm.Printers.Access;

/// <summary>A printer's MQTT password: 32 random bytes, base64url, so it survives every config file format unquoted.</summary>
public static class PrinterPassword
{
    /// <summary>Shorter than this is no farm token; longer is refused before any hashing.</summary>
    public const int MinLength = 16;
    public const int MaxLength = 256;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
