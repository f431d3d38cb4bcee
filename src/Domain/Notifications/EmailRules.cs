namespace PrintFarm.Notifications;

/// <summary>
/// Who is emailed about an event: the customer and the shop each for the events configuration
/// names (<see cref="EmailOptions"/>); an item's problem only when it moved the delivery date,
/// since a reprint that keeps the date is the shop's business, not the customer's.
/// </summary>
public static class EmailRules
{
    /// <summary>
    /// The customer hears the shop's messages, not its own; and hears of lateness only if configuration
    /// names <see cref="OrderEventTypes.Late"/> (by default the "updated delivery date" email tells it).
    /// </summary>
    public static bool ToCustomer(OrderEvent e, EmailOptions options) =>
        Wanted(e, options.CustomerEvents) && e.Author is not Orders.MessageAuthor.Customer
        && (e.Type != OrderEventTypes.Late || options.CustomerEvents is not null);

    /// <summary>A message in the thread goes to the other side only: the shop hears the customer, the customer the shop.</summary>
    public static bool ToShop(OrderEvent e, EmailOptions options) => Wanted(e, options.ShopEvents) && e.Author is not Orders.MessageAuthor.Shop;

    private static bool Wanted(OrderEvent e, List<string>? events) =>
        (events is null || events.Contains(e.Type)) && (e.Type != OrderEventTypes.ItemProblem || e.DateMoved);
}
