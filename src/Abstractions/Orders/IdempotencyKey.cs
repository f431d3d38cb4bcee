namespace PrintFarm.Orders;

/// <summary>The rules for an <c>Idempotency-Key</c> header value (as in the IETF httpapi draft and Stripe's API).</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MinLength = 16;
    public const int MaxLength = 255;

    /// <summary>
    /// 16 to 255 visible ASCII characters: a random UUID is the usual choice. At least 16, because
    /// the order's reference, the customer's key to the tracking page, is derived from it.
    /// </summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: >= MinLength and <= MaxLength } && key.All(c => c is > ' ' and <= '~');
}
