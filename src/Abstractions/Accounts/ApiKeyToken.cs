using System.Security.Cryptography;
using System.Text;

namespace PrintFarm.Accounts;

/// <summary>
/// An API key as the caller holds it: <c>pf_{id}_{secret}</c>. The visible <c>pf_</c> prefix lets
/// secret scanners and people recognise a leaked key (as GitHub's <c>ghp_</c> does); the id names
/// the key's grain, so checking a key reads that key alone and no farm-wide list; the secret is
/// 190 random bits. The farm stores only <see cref="Hash"/>: a key is high-entropy, so a fast
/// hash is as safe as a slow one, and it keeps every request cheap.
/// </summary>
public static class ApiKeyToken
{
    public const string Prefix = "pf_";
    public const int IdLength = 10;
    public const int SecretLength = 32;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>A new key; the caller shows <paramref name="token"/> once and keeps only its hash.</summary>
    public static string New(out string id)
    {
        id = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", IdLength);
        return $"{Prefix}{id}_{RandomNumberGenerator.GetString(Alphabet, SecretLength)}";
    }

    /// <summary>True when <paramref name="token"/> has the shape of a key; <paramref name="id"/> is then its id.</summary>
    public static bool TryParse(string? token, out string id)
    {
        id = "";
        if (token is null || token.Length != Prefix.Length + IdLength + 1 + SecretLength || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var idPart = token.AsSpan(Prefix.Length, IdLength);
        if (token[Prefix.Length + IdLength] != '_') return false;
        foreach (var c in idPart) if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))) return false;
        foreach (var c in token.AsSpan(Prefix.Length + IdLength + 1)) if (!char.IsAsciiLetterOrDigit(c)) return false;
        id = idPart.ToString();
        return true;
    }

    /// <summary>True when <paramref name="id"/> could be a key's id (what the admin API takes to revoke one).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: IdLength } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    /// <summary>SHA-256 of the whole key, in hex: what the farm stores and compares.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>How a key is shown in listings and logs: its prefix and id, never the secret.</summary>
    public static string Display(string id) => $"{Prefix}{id}_…";
}
