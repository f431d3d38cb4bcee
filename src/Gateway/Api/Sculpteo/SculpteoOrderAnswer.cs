namespace PrintFarm.Gateway.Api.Sculpteo;

/// <summary>The answer to an XMLHttpRequest order: the reference, where to track it, and its status in Sculpteo's words.</summary>
public sealed record SculpteoOrderAnswer(string Reference, string TrackingUrl, string Status);
