using System.Security.Cryptography;
using System.Text;

namespace PrintFarm.Printers.Dialects;

/// <summary>Deterministic event ids: the same parts give the same id, so a redelivery dedupes.</summary>
public static class DialectEventIds
{
    public const int MaxLength = 128;

    public static string Make(params string?[] parts)
    {
        var id = string.Join('/', parts.Select(p => string.IsNullOrEmpty(p) ? "-" : p));
        if (id.Length <= MaxLength) return id;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
        return $"{parts[0]}/{hash}";
    }
}
