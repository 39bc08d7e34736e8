resource "x" "alerts" {
  threshold = 5
}
