namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.DuplicateOrderException")]
public sealed class DuplicateOrderException(string reference)
    : Exception($"An order with reference {reference} already exists.")
{
    [Id(0)] public string Reference { get; } = reference;
}
