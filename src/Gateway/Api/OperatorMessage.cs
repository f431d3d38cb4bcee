namespace PrintFarm.Gateway.Api;

/// <summary>Body of the cancel endpoints: an optional message to the customer.</summary>
public sealed record OperatorMessage(string? Message);
