using PrintFarm.Printers.Access;

namespace PrintFarm.Silo.Mqtt;

/// <summary>A printer that logged in: what it owns, and the hash its password matched (a rotation changes it).</summary>
public sealed record PrinterLoginCheck(PrinterTopics Topics, string Hash);
