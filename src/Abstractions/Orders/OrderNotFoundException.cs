namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.OrderNotFoundException")]
public sealed class OrderNotFoundException(string reference) : Exception($"There is no order with reference '{reference}'.")
{
    [Id(0)] public string Reference { get; } = reference;
}
