namespace PrintFarm.Printers;

/// <summary>An operator asked a printer for something it cannot do now (nothing to pause, offline, the broker did not take the command).</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterCommandException")]
public sealed class PrinterCommandException(string message) : Exception(message);
