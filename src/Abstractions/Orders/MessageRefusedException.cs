namespace PrintFarm.Orders;

/// <summary>A message the thread cannot take (empty, too long, too many files, a reply link that is not the order's).</summary>
[GenerateSerializer, Alias("PrintFarm.MessageRefusedException")]
public sealed class MessageRefusedException(string message) : Exception(message);
