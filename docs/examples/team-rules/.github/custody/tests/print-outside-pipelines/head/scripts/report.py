def main():
    print("report written")
    return 0
