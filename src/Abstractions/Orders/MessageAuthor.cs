namespace PrintFarm.Orders;

/// <summary>Who wrote a message of an order's thread.</summary>
public enum MessageAuthor
{
    Customer,
    Shop,
}
