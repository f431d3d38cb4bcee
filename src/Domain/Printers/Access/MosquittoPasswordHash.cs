using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrintFarm.Printers.Access;

/// <summary>
/// The password hash mosquitto_passwd writes (mosquitto 2, <c>password_mosq.c</c>):
/// <c>$7$iterations$base64(salt)$base64(PBKDF2-HMAC-SHA512(password, salt, iterations, 64 bytes))</c>,
/// with a 12-byte salt. The farm stores only this, and the embedded broker verifies the same
/// string that the generated mosquitto password file carries, so one hash serves both brokers.
/// </summary>
public static class MosquittoPasswordHash
{
    public const string Prefix = "$7$";
    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    /// <summary>
    /// mosquitto_passwd's default is 101. The farm's passwords are 256-bit random tokens, which no
    /// iteration count makes harder to guess; 1,000 keeps a reconnect storm of 10,000 printers at
    /// seconds of broker CPU, not minutes.
    /// </summary>
    public const int DefaultIterations = 1_000;

    /// <summary>Hashes outside this range are refused rather than letting a stored value cost a connect minutes.</summary>
    private const int MaxIterations = 1_000_000;

    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"{Prefix}{iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="password"/> matches; false for a wrong password or a hash that is not ours to read.</summary>
    public static bool Verify(string? password, string? stored)
    {
        if (password is null || !TryParse(stored, out var iterations, out var salt, out var expected)) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Whether <paramref name="stored"/> is a hash mosquitto 2 reads.</summary>
    public static bool IsValid(string? stored) => TryParse(stored, out _, out _, out _);

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = stored[Prefix.Length..].Split('$');
        if (parts.Length != 3) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < 1 or > MaxIterations) return false;
        try
        {
            salt = Convert.FromBase64String(parts[1]);
            hash = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length > 0 && hash.Length == HashBytes;
    }
}
