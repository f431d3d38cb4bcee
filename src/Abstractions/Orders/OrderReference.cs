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

    /// <summary>
    /// The reference an order placed with this <c>Idempotency-Key</c> gets, the same every time, so a
    /// retry lands on the same order grain: nothing else is asked first (another grain would be one
    /// more thing a silo's death could take away). 50 bits of SHA-256 over the key: the reference is
    /// as unguessable as the key, which is why a key must be long (<see cref="IdempotencyKey"/>).
    /// With <paramref name="account"/>, keys are the account's own (as Stripe scopes them): two
    /// customers who happen to send the same key place two orders.
    /// </summary>
    public static string ForIdempotencyKey(string key, string? account = null)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account is null ? "printfarm-order:" + key : $"printfarm-order:{account}\n{key}"), hash);
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash);
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++, bits >>= 5) chars[i] = Alphabet[(int)(bits & 31)];
        return Prefix + new string(chars);
    }

    public static bool IsWellFormed(string? reference) =>
        reference is { Length: 13 } && reference.StartsWith(Prefix, StringComparison.Ordinal)
        && reference.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
