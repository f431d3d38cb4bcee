namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>A message a link publishes to its printer.</summary>
internal sealed record OutgoingMessage(string Topic, string Payload, bool AtLeastOnce);
