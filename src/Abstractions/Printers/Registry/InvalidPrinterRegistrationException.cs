namespace PrintFarm.Printers.Registry;

/// <summary>A registration that fails validation when it reaches the registry (the gateway checks first).</summary>
[GenerateSerializer, Alias("PrintFarm.InvalidPrinterRegistrationException")]
public sealed class InvalidPrinterRegistrationException(string message) : Exception(message);
