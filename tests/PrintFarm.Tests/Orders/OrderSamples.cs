using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

internal static class OrderSamples
{
    public static PlaceOrderRequest Valid(int quantity = 2, string method = "standard", string material = "PLA", int seconds = 20, bool test = false) => new()
    {
        Customer = new CustomerInfo { Name = "Ada", Email = "ada@example.com" },
        Items = [new OrderItemRequest { Design = "bracket-v4", Material = material, Quantity = quantity, EstimatedPrintSeconds = seconds }],
        Shipping = new ShippingInfo
        {
            Method = method,
            Address = new ShippingAddress { Name = "Ada", Street1 = "1 Rue X", City = "Paris", PostalCode = "75001", Country = "FR" },
        },
        Test = test,
    };
}
