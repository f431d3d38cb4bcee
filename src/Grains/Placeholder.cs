namespace PrintFarm; public static class Placeholder {}
