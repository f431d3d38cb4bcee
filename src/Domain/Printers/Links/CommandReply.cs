namespace PrintFarm.Printers.Links;

/// <summary>A printer's answer to one of our commands: accepted, or refused with its reason.</summary>
public sealed record CommandReply(bool Accepted, string Command, string? Reason);
