namespace PrintFarm.Printers.Access;

/// <summary>An id that cannot have broker credentials (malformed, or reserved for the farm's own clients); nothing changed.</summary>
[GenerateSerializer, Alias("PrintFarm.InvalidPrinterCredentialsException")]
public sealed class InvalidPrinterCredentialsException(string message) : Exception(message);
