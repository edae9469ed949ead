print("docfill")
