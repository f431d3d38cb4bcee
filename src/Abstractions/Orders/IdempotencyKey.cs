namespace PrintFarm.Orders;

/// <summary>The rules for an <c>Idempotency-Key</c> header value (as in the IETF httpapi draft and Stripe's API).</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>1 to 255 visible ASCII characters: a UUID is the usual choice.</summary>
    public static bool IsWellFormed(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxLength && key.All(c => c is > ' ' and <= '~');
}
