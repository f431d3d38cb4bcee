namespace PrintFarm.Printers.Links;

/// <summary>A message a link publishes to its printer.</summary>
public sealed record OutgoingMessage(string Topic, string Payload, bool AtLeastOnce);
