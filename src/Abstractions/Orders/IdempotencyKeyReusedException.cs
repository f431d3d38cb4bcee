namespace PrintFarm.Orders;

/// <summary>An <c>Idempotency-Key</c> sent again with a different order; nothing was placed.</summary>
[GenerateSerializer, Alias("PrintFarm.IdempotencyKeyReusedException")]
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used for a different order. Use a new key for a new order; resend the same request to get the first order back.");
