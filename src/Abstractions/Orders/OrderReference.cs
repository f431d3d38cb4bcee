using System.Security.Cryptography;

namespace PrintFarm.Orders;

/// <summary>
/// Order references are the customer's only key to the tracking page, so they must not be
/// guessable: 50 random bits, in an alphabet without look-alike characters.
/// </summary>
public static class OrderReference
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const string Prefix = "PF-";

    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, 10);

    public static bool IsWellFormed(string? reference) =>
        reference is { Length: 13 } && reference.StartsWith(Prefix, StringComparison.Ordinal)
        && reference.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
