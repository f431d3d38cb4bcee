namespace PrintFarm.Orders;

/// <summary>Thrown by the grain when a request slipped past the gateway's validation.</summary>
[GenerateSerializer, Alias("PrintFarm.InvalidOrderException")]
public sealed class InvalidOrderException(Dictionary<string, string[]> errors)
    : Exception("The order is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    [Id(0)] public Dictionary<string, string[]> Errors { get; } = errors;
}
