using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>A command to a printer, before a dialect adapter turns it into its wire form.</summary>
public sealed record PrinterCommand(PrinterCommandType Type, string JobId, string? Design = null, string? Material = null, int? EstimatedSeconds = null);
